package io.dbbranch.bench.speed;

import io.dbbranch.bench.support.BenchServer;

/**
 * A reference, not a way a build would use: the bare {@code CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY}
 * that (a) is built on, with no labels, role, credential or login. The difference to (a) is what the lease adds.
 */
final class TemplateCopyWay implements ReadyDatabaseWay {
    private final BenchServer server;
    private final String parent;

    TemplateCopyWay(BenchServer server, String parent) {
        this.server = server;
        this.parent = parent;
    }

    @Override
    public String key() {
        return "template";
    }

    @Override
    public String label() {
        return "reference: bare CREATE DATABASE … TEMPLATE";
    }

    @Override
    public ReadyDatabase make(String name) throws Exception {
        Stopwatch watch = new Stopwatch();
        server.execute("postgres", "CREATE DATABASE " + BenchServer.quote(name) + " TEMPLATE " + BenchServer.quote(parent)
                + " STRATEGY FILE_COPY");
        watch.lap("copy");
        return new ReadyDatabase(name, watch.total(), watch.steps(), () -> SpeedBenchmark.drop(server, name));
    }
}
