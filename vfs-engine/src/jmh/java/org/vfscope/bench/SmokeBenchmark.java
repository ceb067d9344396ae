package org.vfscope.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Placeholder proving the JMH wiring (annotation processing, classpath); real engine benchmarks replace it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmokeBenchmark {

    private final byte[] block = new byte[4096];

    @Setup
    public void fill() {
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 31);
        }
    }

    @Benchmark
    public int hashOneBlock() {
        int h = 1;
        for (byte b : block) {
            h = 31 * h + b;
        }
        return h;
    }
}
