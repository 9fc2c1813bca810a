package io.dbbranch.engine.local;

import java.nio.file.Path;

/** Starts the cluster in the folder given as the argument and prints its port: a second process for lock tests. */
public final class StartClusterMain {
    private StartClusterMain() {
    }

    public static void main(String[] args) {
        System.out.println(new LocalCluster(Path.of(args[0]), ClusterSettings.ephemeral()).start());
    }
}
