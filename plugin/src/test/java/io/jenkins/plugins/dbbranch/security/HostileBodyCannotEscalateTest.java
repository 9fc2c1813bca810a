package io.jenkins.plugins.dbbranch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A pull request's build runs whatever it brings with its branch's login. Here its body plants functions that shadow
 * the built-ins privileged SQL might call unqualified ({@code format}, {@code quote_ident}); each records who ran it
 * and tries to make the planter a superuser. Then the branch is branched and deleted by the controller: no role gains
 * an attribute, and no planted function runs as anyone but the planter.
 */
@WithJenkins
class HostileBodyCannotEscalateTest {
    /** psql runs it as the branch's own role, from the block's PG* variables. */
    private static final String PLANT = """
            CREATE TABLE public.trap (ran_as text);
            GRANT INSERT ON public.trap TO PUBLIC;
            DO $plant$ BEGIN
              EXECUTE pg_catalog.format('CREATE FUNCTION public.trap_spring() RETURNS void LANGUAGE plpgsql AS %L',
                pg_catalog.format('BEGIN INSERT INTO public.trap VALUES (current_user); EXECUTE %L; EXCEPTION WHEN others THEN NULL; END',
                  pg_catalog.format('ALTER ROLE %I SUPERUSER CREATEROLE CREATEDB', current_user)));
            END $plant$;
            CREATE FUNCTION public.format(f text, a name, b text) RETURNS text LANGUAGE plpgsql
              AS $f$ BEGIN PERFORM public.trap_spring(); RETURN pg_catalog.format(f, a, b); END $f$;
            CREATE FUNCTION public.format(f text, a text, b text) RETURNS text LANGUAGE plpgsql
              AS $f$ BEGIN PERFORM public.trap_spring(); RETURN pg_catalog.format(f, a, b); END $f$;
            CREATE FUNCTION public.quote_ident(a text) RETURNS text LANGUAGE plpgsql
              AS $f$ BEGIN PERFORM public.trap_spring(); RETURN pg_catalog.quote_ident(a); END $f$;
            """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        TestDatabases.useLocalConnection();
    }

    @Test
    void aBodyThatPlantsShadowingFunctionsGainsNothingWhenItsBranchIsBranchedAndDeleted() throws Exception {
        String parent = TestDatabases.parentWithEntities(3);
        String planted = TestProviders.uniqueName("planted");
        long superusersBefore = superusers();
        r.buildAndAssertSuccess(Pipelines.create(r, "plant", """
                node {
                    writeFile file: 'plant.sql', text: '''%s'''
                    withDbBranch(parent: '%s', name: '%s', keep: 'always') {
                        sh 'psql -v ON_ERROR_STOP=1 -q -f plant.sql'
                    }
                }
                """.formatted(PLANT, parent, planted)));

        r.buildAndAssertSuccess(Pipelines.create(r, "branch-the-planted", """
                node {
                    withDbBranch(parent: '%s') {
                        sh 'psql -v ON_ERROR_STOP=1 -tA -c "select count(*) from final_entities"'
                    }
                }
                """.formatted(planted)));
        // The controller's own clean-up path: the engine deletes the planted branch as the admin.
        try (LocalProvider local = TestProviders.local()) {
            local.findBranch(planted).ifPresent(local::deleteBranch);
        }
        assertThat(TestProviders.databaseExists(planted)).isFalse();

        assertThat(superusers()).as("no role became a superuser").isEqualTo(superusersBefore);
        assertThat(TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname LIKE 'planted%' "
                + "AND (rolsuper OR rolcreaterole OR rolcreatedb)")).as("the planter gained no attribute").isZero();
    }

    private static long superusers() {
        return TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolsuper AND rolname <> '"
                + LocalCluster.ADMIN_USER + "'");
    }
}
