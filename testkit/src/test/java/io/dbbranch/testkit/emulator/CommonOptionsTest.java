package io.dbbranch.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonOptionsTest {

    @Test
    void valuesReplaceTheDefaultsAndEachOptionSaysWhereItEnds() {
        CommonOptions options = new CommonOptions(8686, Path.of("default"), "demo");
        String[] arguments = {"--port", "0", "--home", "elsewhere", "--project", "p1", "--quiet"};

        assertThat(options.read(arguments, 0)).isEqualTo(1);
        assertThat(options.read(arguments, 2)).isEqualTo(3);
        assertThat(options.read(arguments, 4)).isEqualTo(5);
        assertThat(options.read(arguments, 6)).isEqualTo(6);
        assertThat(options.port()).isZero();
        assertThat(options.home()).isEqualTo(Path.of("elsewhere"));
        assertThat(options.project()).isEqualTo("p1");
        assertThat(options.helpAsked()).isFalse();
    }

    @Test
    void unknownOptionsMissingValuesAndBadNumbersAreUsageErrors() {
        CommonOptions options = new CommonOptions(8686, Path.of("default"), "demo");

        assertThatThrownBy(() -> options.read(new String[] {"--bogus"}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option '--bogus'");
        assertThatThrownBy(() -> options.read(new String[] {"--port"}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--port needs a value");
        assertThatThrownBy(() -> options.read(new String[] {"--operation-polls", "two"}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pollsFaultsAndTheRequestLogGoToTheEmulatorUnlessQuiet() {
        CommonOptions options = new CommonOptions(8686, Path.of("default"), "demo");
        String[] arguments = {"--operation-polls", "5", "--fault", "branches.create=503"};
        options.read(arguments, options.read(arguments, 0) + 1);
        List<Integer> polls = new ArrayList<>();
        List<PrintStream> logs = new ArrayList<>();
        Faults faults = new Faults();

        options.applyTo(polls::add, faults, logs::add);

        assertThat(polls).containsExactly(5);
        assertThat(faults.pending("branches.create")).isEqualTo(1);
        assertThat(logs).containsExactly(System.out);

        CommonOptions quiet = new CommonOptions(8686, Path.of("default"), "demo");
        quiet.read(new String[] {"--quiet"}, 0);
        List<PrintStream> none = new ArrayList<>();
        quiet.applyTo(polls::add, new Faults(), none::add);
        assertThat(none).isEmpty();
        assertThat(polls).containsExactly(5);
    }

    @Test
    void maxBranchesIsNoLimitUnlessGivenAndNeverNegative() {
        CommonOptions options = new CommonOptions(8686, Path.of("default"), "demo");
        assertThat(options.maxBranches()).isZero();

        assertThat(options.read(new String[] {"--max-branches", "2"}, 0)).isEqualTo(1);

        assertThat(options.maxBranches()).isEqualTo(2);
        assertThatThrownBy(() -> options.read(new String[] {"--max-branches", "-1"}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 (no limit) or more");
    }
}
