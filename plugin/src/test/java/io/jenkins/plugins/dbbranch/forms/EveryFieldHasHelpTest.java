package io.jenkins.plugins.dbbranch.forms;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every field of every form of the plugin (steps, the freestyle wrapper, every connection kind, the global
 * configuration) shows a "?": its descriptor finds a help file for it (its own, a superclass's, or a redirect), and
 * Jenkins serves that help. Fields are read from each {@code config.jelly} and the fragments it includes.
 */
@WithJenkins
class EveryFieldHasHelpTest {
    private static final String PLUGIN = "io.jenkins.plugins.dbbranch.";
    private static final Pattern FIELD = Pattern.compile("\\bfield=\"([A-Za-z]+)\"");
    private static final Pattern INCLUDE = Pattern.compile("<st:include\\s+page=\"([^\"]+)\"\\s+class=\"([^\"]+)\"");

    @Test
    void everyFieldOfEveryFormHasAHelpFileThatJenkinsServes(JenkinsRule r) throws Throwable {
        Map<String, String> helpByField = r.executeOnServer(() -> {
            Map<String, String> found = new LinkedHashMap<>();
            for (Descriptor<?> descriptor : r.jenkins.getExtensionList(Descriptor.class)) {
                if (descriptor.clazz.getName().startsWith(PLUGIN)) {
                    for (String field : fieldsOf(descriptor.clazz)) {
                        found.put(descriptor.clazz.getSimpleName() + "." + field, descriptor.getHelpFile(field));
                    }
                }
            }
            return found;
        });

        assertThat(helpByField).containsKeys("WithDbBranchStep.ttl", "DbBranchBuildWrapper.unstableOnWarn",
                "PitrRestoreStep.expect", "MigrateUpstreamStep.dryRun", "LocalConnection.home", "PostgresConnection.jdbcUrl",
                "NeonConnection.apiUrl", "LakebaseConnection.workspaceUrl", "DbBranchConfiguration.connections");
        List<String> missing = helpByField.entrySet().stream().filter(entry -> entry.getValue() == null).map(Map.Entry::getKey).toList();
        assertThat(missing).as("fields without help").isEmpty();

        JenkinsRule.WebClient client = r.createWebClient();
        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, String> help : helpByField.entrySet()) {
            String text = client.goTo(help.getValue().substring(1), null).getWebResponse().getContentAsString();
            if (!text.contains("Right:") || !text.contains("Wrong:")) {
                empty.add(help.getKey() + " (" + help.getValue() + ")");
            }
        }
        assertThat(empty).as("help without a right and a wrong example").isEmpty();
    }

    /** The fields of the form of {@code type}: its (or its nearest superclass's) config.jelly and what that includes. */
    private static Set<String> fieldsOf(Class<?> type) throws IOException {
        for (Class<?> c = type; c != null && c.getName().startsWith(PLUGIN); c = c.getSuperclass()) {
            Set<String> fields = fieldsIn(c, "config.jelly");
            if (fields != null) {
                return fields;
            }
        }
        return Set.of();
    }

    private static Set<String> fieldsIn(Class<?> owner, String page) throws IOException {
        String path = owner.getName().replace('.', '/').replace('$', '/') + "/" + page;
        try (InputStream in = owner.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            String jelly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Set<String> fields = new LinkedHashSet<>();
            Matcher field = FIELD.matcher(jelly);
            while (field.find()) {
                fields.add(field.group(1));
            }
            Matcher include = INCLUDE.matcher(jelly);
            while (include.find()) {
                Set<String> included;
                try {
                    included = fieldsIn(Class.forName(include.group(2), false, owner.getClassLoader()), include.group(1));
                } catch (ClassNotFoundException e) {
                    throw new IOException(path + " includes a page of a class that does not exist", e);
                }
                assertThat(included).as(path + " includes " + include.group(1)).isNotNull();
                fields.addAll(included);
            }
            return fields;
        }
    }
}
