package io.dbbranch.engine.review.report;

import io.dbbranch.engine.review.Finding;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.ReviewedMigration;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.Rule;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
        List<TestCase> cases = cases(report);
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE + ": " + report.database());
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> "failure".equals(c.outcome())).count()));
            xml.writeAttribute("errors", Long.toString(cases.stream().filter(c -> "error".equals(c.outcome())).count()));
            xml.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> "skipped".equals(c.outcome())).count()));
            xml.writeAttribute("time", seconds(report.migrations().stream().mapToLong(ReviewedMigration::durationMs).sum()));
            for (TestCase testCase : cases) {
                write(xml, testCase);
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

    /**
     * One test case: {@code outcome} is {@code null} for a pass, else the element to write ({@code failure},
     * {@code skipped}, {@code error}) with its message, type and body.
     */
    private record TestCase(String className, String name, long ms, String outcome, String message, String type, String body) {
    }

    private static List<TestCase> cases(ReviewReport report) {
        List<Rule> checked = Arrays.stream(Rule.values()).filter(rule -> level(report, rule) != Level.OFF).toList();
        List<TestCase> cases = new ArrayList<>();
        for (ReviewedMigration migration : report.migrations()) {
            for (Rule rule : checked) {
                List<Finding> found = migration.findings().stream().filter(f -> f.rule() == rule).toList();
                cases.add(ruleCase(migration, rule, found));
            }
            if (migration.failed() && report.failure() != null) {
                cases.add(new TestCase(className(migration), "migration", migration.durationMs(), "error",
                        firstLine(report.failure().message()),
                        report.failure().sqlState() == null ? "migration failed" : "SQLSTATE " + report.failure().sqlState(),
                        report.failure().message()));
            }
        }
        return cases;
    }

    private static TestCase ruleCase(ReviewedMigration migration, Rule rule, List<Finding> found) {
        if (found.isEmpty()) {
            return new TestCase(className(migration), rule.key(), 0, null, null, null, null);
        }
        boolean fail = found.stream().anyMatch(f -> f.level() == Level.FAIL);
        String message = (fail ? "" : "warn: ") + found.get(0).message() + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "");
        String body = found.stream().map(f -> f.message() + "\ninstead: " + f.remedy()).collect(Collectors.joining("\n\n"));
        return new TestCase(className(migration), rule.key(), 0, fail ? "failure" : "skipped", message, fail ? rule.key() : null, body);
    }

    private static void write(XMLStreamWriter xml, TestCase testCase) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", testCase.className());
        xml.writeAttribute("name", testCase.name());
        xml.writeAttribute("time", seconds(testCase.ms()));
        if (testCase.outcome() != null) {
            xml.writeStartElement(testCase.outcome());
            xml.writeAttribute("message", testCase.message());
            if (testCase.type() != null) {
                xml.writeAttribute("type", testCase.type());
            }
            xml.writeCharacters(testCase.body());
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** The rule's level in the policy the report was judged by. */
    private static Level level(ReviewReport report, Rule rule) {
        String setting = report.policy().getOrDefault(rule.key(), Level.OFF.key());
        return Level.byKey(setting.split(" ")[0]).orElse(Level.OFF);
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
