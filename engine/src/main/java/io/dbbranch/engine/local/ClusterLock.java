package io.dbbranch.engine.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises creating, starting and stopping one cluster across threads and processes: two {@code dbbranch local
 * start} at once would otherwise both run {@code pg_ctl start}, and the second fail. A file lock
 * ({@code cluster.lock} in the cluster's folder) covers other processes; as a JVM holds file locks for itself, not
 * per thread, an in-JVM lock per folder covers this process's threads.
 */
final class ClusterLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel channel;
    private final FileLock processes;

    private ClusterLock(ReentrantLock threads, FileChannel channel, FileLock processes) {
        this.threads = threads;
        this.channel = channel;
        this.processes = processes;
    }

    /** Waits until no other thread or process holds the lock of the cluster in {@code directory} (which exists). */
    static ClusterLock acquire(Path directory) throws IOException {
        ReentrantLock threads = IN_THIS_JVM.computeIfAbsent(directory, ignored -> new ReentrantLock());
        threads.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(directory.resolve("cluster.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new ClusterLock(threads, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threads.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            processes.release();
            channel.close();
        } finally {
            threads.unlock();
        }
    }
}
