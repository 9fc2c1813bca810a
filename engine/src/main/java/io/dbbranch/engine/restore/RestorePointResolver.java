package io.dbbranch.engine.restore;

import io.dbbranch.engine.spi.PointInTime;
import java.util.Optional;

/**
 * Maps the name of a recorded restore point (such as the one taken before an upstream migration) to the point in
 * time it stands for.
 */
@FunctionalInterface
public interface RestorePointResolver {
    /** Knows no names. */
    RestorePointResolver NONE = name -> Optional.empty();

    /** The point recorded under {@code name}; empty when there is none. */
    Optional<PointInTime> resolve(String name);
}
