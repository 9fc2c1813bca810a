package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NeonPooledHostTest {

    @Test
    void endpointsNamedAsOnNeonGiveThePooledHostAsAnExtraVariable() {
        try (NeonTestbed testbed = new NeonTestbed("us-east-2.aws.neon.test"); NeonProvider provider = testbed.provider()) {
            BranchInfo branch = provider.createBranch(NeonRequests.request("pooled", Instant.now().plusSeconds(600)));
            try {
                ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(30), Progress.SILENT);

                assertThat(connection.host()).matches("ep-[a-z]+-[a-z]+-[a-z0-9]{8}\\.us-east-2\\.aws\\.neon\\.test");
                String endpointId = connection.host().substring(0, connection.host().indexOf('.'));
                assertThat(connection.extras()).containsEntry("PGHOST_POOLED",
                        endpointId + "-pooler.us-east-2.aws.neon.test");
            } finally {
                provider.deleteBranch(branch);
            }
        }
    }
}
