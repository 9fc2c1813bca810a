package io.dbbranch.testkit.fixedname;

import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;

/** A pull request's branch of a fixed name on the local provider; a foreign branch is a database made by hand. */
class LocalFixedNameTest extends ServerFixedNameTests {
    private final LocalProvider provider = TestProviders.local();

    @Override
    protected BranchProvider provider() {
        return provider;
    }

    @Override
    protected void makeForeignBranch(String name) {
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + name + "\"");
    }

    @Override
    protected void removeForeignBranch(String name) {
        TestPostgres.execute("postgres", "DROP DATABASE IF EXISTS \"" + name + "\"");
    }
}
