package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class DeleteAndListTest {

    @Test
    void listShowsTheBranchesWithAPrefixAndDeleteRemovesOne() {
        String parent = TestProviders.parentWithEntities(1);
        String prefix = TestProviders.uniqueName("listed") + "-";
        Cli.run(Cli.postgres(), "create", prefix + "a", "--parent", parent);
        Cli.run(Cli.postgres(), "create", prefix + "b", "--parent", parent);

        assertThat(names(Cli.run(Cli.postgres(), "list", "--prefix", prefix, "--json"))).containsExactly(prefix + "a", prefix + "b");
        CliResult table = Cli.run(Cli.postgres(), "list", "--prefix", prefix);
        assertThat(table.out().lines().toList()).hasSize(4).first().asString().startsWith("Name").contains("Owner", "Expires");
        assertThat(table.out()).containsPattern(prefix + "a +" + parent + " +" + TestProviders.OWNER);

        CliResult deleted = Cli.run(Cli.postgres(), "delete", prefix + "a", "--json");

        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        assertThat(names(Cli.run(Cli.postgres(), "list", "--prefix", prefix, "--json"))).containsExactly(prefix + "b");
        assertThat(TestProviders.roleExists(prefix + "a")).as("its login role goes too").isFalse();
    }

    @Test
    void deletingAnUnknownBranchFailsUnlessIfExists() {
        String name = TestProviders.uniqueName("missing");

        CliResult missing = Cli.run(Cli.postgres(), "delete", name);
        CliResult tolerated = Cli.run(Cli.postgres(), "delete", name, "--if-exists", "--json");

        assertThat(missing.exit()).isEqualTo(4);
        assertThat(missing.error()).contains("there is no branch '" + name + "'").contains("dbbranch list");
        assertThat(tolerated.exit()).isZero();
        assertThat(tolerated.json().get("deleted").asBoolean()).isFalse();
    }

    @Test
    void aDatabaseDbbranchDidNotMakeIsDeletedOnlyWithForce() {
        String foreign = TestProviders.uniqueName("foreign");
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + foreign + "\"");

        CliResult refused = Cli.run(Cli.postgres(), "delete", foreign);
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.error()).contains("dbbranch did not make it").contains("--force");
        assertThat(TestProviders.databaseExists(foreign)).isTrue();

        assertThat(Cli.run(Cli.postgres(), "delete", foreign, "--force").exit()).isZero();
        assertThat(TestProviders.databaseExists(foreign)).isFalse();
    }

    @Test
    void anEmptyListSaysSoOnStderrAndPrintsAnEmptyArrayInJson() {
        String prefix = TestProviders.uniqueName("nothing") + "-";

        CliResult human = Cli.run(Cli.postgres(), "list", "--prefix", prefix);
        CliResult json = Cli.run(Cli.postgres(), "list", "--prefix", prefix, "--json");

        assertThat(human.out()).isEmpty();
        assertThat(human.err()).contains("no branches starting with '" + prefix + "'");
        assertThat(json.json().isArray()).isTrue();
        assertThat(json.json()).isEmpty();
    }

    private static List<String> names(CliResult list) {
        assertThat(list.exit()).as(list.toString()).isZero();
        JsonNode array = list.json();
        return StreamSupport.stream(array.spliterator(), false).map(branch -> branch.get("name").asText()).toList();
    }
}
