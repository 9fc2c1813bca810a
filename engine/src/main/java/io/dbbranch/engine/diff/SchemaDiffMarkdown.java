package io.dbbranch.engine.diff;

/**
 * Renders a {@link SchemaDiffReport} as GitHub-flavoured Markdown, for a pull request comment or a build summary.
 * Destructive changes are marked ⚠️ and listed with the reason; the output depends on nothing but the report.
 */
public final class SchemaDiffMarkdown {
    private SchemaDiffMarkdown() {
    }

    /**
     * For example:
     * <pre>
     * ### Schema changes: `ci-42` compared with `main`
     *
     * 2 changes, **1 destructive** (can drop data).
     *
     * | | Change | Object | Detail |
     * |---|---|---|---|
     * | ⚠️ | dropped column | `public.customers.name` | text NOT NULL<br>**drops the column and every value in it** |
     * |  | added column | `public.customers.tier` | text NOT NULL DEFAULT 'basic'::text |
     * </pre>
     */
    public static String render(SchemaDiffReport report) {
        StringBuilder out = new StringBuilder("### Schema changes: `").append(report.branch()).append("` compared with `")
                .append(report.parent()).append("`\n\n");
        if (report.isEmpty()) {
            return out.append("No schema changes.\n").toString();
        }
        int count = report.changes().size();
        out.append(count).append(count == 1 ? " change" : " changes");
        long destructive = report.destructiveCount();
        out.append(destructive == 0 ? ", none destructive.\n\n" : ", **" + destructive + " destructive** (can drop data).\n\n");
        out.append("| | Change | Object | Detail |\n|---|---|---|---|\n");
        for (SchemaChange change : report.changes()) {
            out.append("| ").append(change.destructive() ? "⚠️" : "").append(" | ").append(change.label())
                    .append(" | `").append(change.name().replace("`", "'")).append("` | ").append(cell(change.detail()));
            if (change.destructive()) {
                out.append("<br>**").append(cell(change.reason())).append("**");
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    /** A table cell: pipes escaped, line breaks folded into spaces, long definitions shortened. */
    private static String cell(String text) {
        String flat = text.strip().replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
        return flat.length() > 300 ? flat.substring(0, 297) + "…" : flat;
    }
}
