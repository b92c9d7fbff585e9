package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.BehaviourConfig;
import dev.gauntlet.backend.config.CpuBurnConfig;
import dev.gauntlet.backend.config.MemoryBalloonConfig;

/**
 * The behaviour sections that act on the whole process rather than on requests: CPU burn and the
 * memory balloon.
 *
 * <pre>{@code
 * effects.apply(behaviour);   // starts, changes or stops the burn and the balloon
 * }</pre>
 */
public final class ResourceEffects implements AutoCloseable {
    private final CpuBurner burner = new CpuBurner();
    private final MemoryBalloon balloon;

    public ResourceEffects(String id) {
        this.balloon = new MemoryBalloon(id);
    }

    public void apply(BehaviourConfig behaviour) {
        burner.apply(behaviour.cpuBurn());
        balloon.apply(behaviour.memoryBalloon());
    }

    public int burnThreads() {
        return burner.threads();
    }

    public int balloonMib() {
        return balloon.mib();
    }

    @Override
    public void close() {
        burner.apply(CpuBurnConfig.OFF);
        balloon.apply(MemoryBalloonConfig.OFF);
    }
}
