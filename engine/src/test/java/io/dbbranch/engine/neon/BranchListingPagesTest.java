package io.dbbranch.engine.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.http.StubServer;
import io.dbbranch.engine.http.StubServer.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Neon sends {@code pagination.next} on the last page too: listings end on a short or repeated page. */
class BranchListingPagesTest {

    @Test
    void aShortPageEndsTheListingThoughItCarriesACursor() throws Exception {
        try (StubServer neon = new StubServer().then(Answer.ok(page("next-1", "br-a", "br-b")))) {
            List<BranchFinder.Found> found = finder(neon, 100).withPrefix("ci-");

            assertThat(found).extracting(f -> f.branch().id()).containsExactly("br-a", "br-b");
            assertThat(neon.received()).as("one call for a listing that fits one page").hasSize(1);
            assertThat(neon.received().get(0).path()).contains("sort_by=created_at").contains("limit=100");
        }
    }

    @Test
    void aRepeatedPageEndsTheListingAndIsNotCountedTwice() throws Exception {
        try (StubServer neon = new StubServer().always(Answer.ok(page("same", "br-a", "br-b")))) {
            List<BranchFinder.Found> found = finder(neon, 2).withPrefix("ci-");

            assertThat(found).extracting(f -> f.branch().id()).containsExactly("br-a", "br-b");
            assertThat(neon.received()).hasSize(2);
        }
    }

    @Test
    void aNameHandedOutOnTwoPagesIsOneBranch() throws Exception {
        try (StubServer neon = new StubServer().then(Answer.ok(page("c1", "br-a", "br-b")), Answer.ok(page("c2", "br-b")))) {
            assertThat(finder(neon, 2).byName("ci-br-b")).map(f -> f.branch().id()).contains("br-b");
        }
    }

    @Test
    void fullPagesAreFollowedToTheEnd() throws Exception {
        try (StubServer neon = new StubServer().then(Answer.ok(page("c1", "br-a", "br-b")), Answer.ok(page("c2", "br-c")))) {
            assertThat(finder(neon, 2).withPrefix("ci-")).extracting(f -> f.branch().id())
                    .containsExactly("br-a", "br-b", "br-c");
            assertThat(neon.received().get(1).path()).contains("cursor=c1");
        }
    }

    private static BranchFinder finder(StubServer neon, int pageSize) {
        NeonConfig config = NeonConfig.of("p", Secret.of("napi_test"), "o").withApiUrl(neon.uri()).withPageSize(pageSize);
        return new BranchFinder(new NeonApi(new RestClient(config.apiUrl(), config.http()), config));
    }

    /** A page of branches named {@code ci-<id>}, with a cursor as Neon sends one on every page. */
    private static String page(String next, String... ids) {
        StringBuilder branches = new StringBuilder();
        for (String id : ids) {
            branches.append(branches.length() == 0 ? "" : ",").append("{\"id\":\"").append(id)
                    .append("\",\"name\":\"ci-").append(id).append("\",\"current_state\":\"ready\"}");
        }
        return "{\"branches\":[" + branches + "],\"annotations\":{},\"pagination\":{\"next\":\"" + next + "\"}}";
    }
}
