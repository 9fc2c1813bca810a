package io.dbbranch.engine.review.report;

import io.dbbranch.engine.review.Finding;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.ReviewedMigration;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.Rule;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A {@link ReviewReport} as JUnit XML, the test-result format Jenkins' JUnit plugin, GitLab, GitHub Actions reporters
 * and Azure DevOps all read. The mapping:
 * <ul>
 *   <li>one {@code <testsuite>} for the review; one {@code <testcase>} per migration and rule that is not
 *       {@code off}: {@code classname} {@code migration-review.<script with dots as _>}, {@code name} the rule key;</li>
 *   <li>a rule at {@code fail} with findings: {@code <failure>} (the build turns unstable or failed, as for a failing
 *       test);</li>
 *   <li>a rule at {@code warn} with findings: {@code <skipped>} carrying the message: every CI shows skipped tests
 *       apart, and none fails the build on them;</li>
 *   <li>a rule without findings: a passing test case;</li>
 *   <li>a migration that failed: an extra test case {@code migration} with {@code <error>};</li>
 *   <li>the honesty note, the sampling resolution and the notes in the suite's {@code <system-out>}.</li>
 * </ul>
 */
public final class ReviewJunitXml {
    static final String SUITE = "dbbranch migration review";

    private ReviewJunitXml() {
    }

    public static String render(ReviewReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            Map<String, Long> counts = counts(report);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE + ": " + report.database());
            xml.writeAttribute("tests", Long.toString(counts.getOrDefault("tests", 0L)));
            xml.writeAttribute("failures", Long.toString(counts.getOrDefault("failures", 0L)));
            xml.writeAttribute("errors", report.failure() == null ? "0" : "1");
            xml.writeAttribute("skipped", Long.toString(counts.getOrDefault("skipped", 0L)));
            xml.writeAttribute("time", seconds(report.migrations().stream().mapToLong(ReviewedMigration::durationMs).sum()));
            for (ReviewedMigration migration : report.migrations()) {
                for (Rule rule : Rule.values()) {
                    Level level = Level.valueOf(report.policy().getOrDefault(rule.key(), "off").split(" ")[0].toUpperCase(Locale.ROOT));
                    if (level != Level.OFF) {
                        testCase(xml, migration, rule.key(), migration.findings().stream().filter(f -> f.rule() == rule).toList());
                    }
                }
                if (migration.failed() && report.failure() != null) {
                    xml.writeCharacters("\n  ");
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", className(migration));
                    xml.writeAttribute("name", "migration");
                    xml.writeAttribute("time", seconds(migration.durationMs()));
                    xml.writeStartElement("error");
                    xml.writeAttribute("message", firstLine(report.failure().message()));
                    xml.writeAttribute("type", report.failure().sqlState() == null ? "migration failed" : "SQLSTATE " + report.failure().sqlState());
                    xml.writeCharacters(report.failure().message());
                    xml.writeEndElement();
                    xml.writeEndElement();
                }
            }
            xml.writeCharacters("\n  ");
            xml.writeStartElement("system-out");
            xml.writeCharacters("verdict: " + report.verdict() + "\n" + report.scale() + "\nLocks sampled every "
                    + report.lockSampleIntervalMs() + " ms: hold times are accurate to about that.\n"
                    + report.notes().stream().map(note -> "note: " + note + "\n").collect(Collectors.joining()));
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the review as JUnit XML", e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void testCase(XMLStreamWriter xml, ReviewedMigration migration, String rule, List<Finding> findings)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className(migration));
        xml.writeAttribute("name", rule);
        xml.writeAttribute("time", "0");
        if (!findings.isEmpty()) {
            boolean fail = findings.stream().anyMatch(f -> f.level() == Level.FAIL);
            xml.writeStartElement(fail ? "failure" : "skipped");
            xml.writeAttribute("message", (fail ? "" : "warn: ") + findings.get(0).message()
                    + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more)" : ""));
            if (fail) {
                xml.writeAttribute("type", rule);
                xml.writeCharacters(findings.stream().map(f -> f.message() + "\ninstead: " + f.remedy())
                        .collect(Collectors.joining("\n\n")));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static Map<String, Long> counts(ReviewReport report) {
        long tests = 0;
        long failures = 0;
        long skipped = 0;
        for (ReviewedMigration migration : report.migrations()) {
            for (Rule rule : Rule.values()) {
                if (report.policy().getOrDefault(rule.key(), "off").startsWith("off")) {
                    continue;
                }
                tests++;
                List<Finding> found = migration.findings().stream().filter(f -> f.rule() == rule).toList();
                if (found.stream().anyMatch(f -> f.level() == Level.FAIL)) {
                    failures++;
                } else if (!found.isEmpty()) {
                    skipped++;
                }
            }
            if (migration.failed() && report.failure() != null) {
                tests++;
            }
        }
        return Map.of("tests", tests, "failures", failures, "skipped", skipped);
    }

    private static String className(ReviewedMigration migration) {
        return "migration-review." + migration.script().replace('.', '_');
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
