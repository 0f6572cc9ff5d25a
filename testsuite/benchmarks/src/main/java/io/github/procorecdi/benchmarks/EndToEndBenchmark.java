package io.github.procorecdi.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;

/**
 * A whole call, over loopback HTTP: a procore-cdi client (cached service-account token, its filters, retry handler,
 * pacing) against the same MicroProfile Rest Client (RESTEasy) with a filter that sets a static Bearer token. Run with
 * {@code -prof gc}; the difference of the two is what procore-cdi costs per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EndToEndBenchmark {
    private LocalStub stub;
    private ProcoreConnection connection;
    private MeApi procore;
    private MeApi staticBearer;

    @Setup
    public void setUp() throws Exception {
        stub = new LocalStub();
        connection = ProcoreConnections.open("bench", stub.properties());
        procore = connection.client(MeApi.class);
        procore.me(); // the token, once
        staticBearer = stub.staticBearerClient();
    }

    @TearDown
    public void tearDown() throws Exception {
        ((AutoCloseable) procore).close();
        ((AutoCloseable) staticBearer).close();
        ProcoreConnections.close(connection);
        stub.close();
        if (stub.tokenRequests() != 1) {
            throw new IllegalStateException("expected one token request, got " + stub.tokenRequests());
        }
    }

    @Benchmark
    @Threads(1)
    public Object procoreClientOneThread() {
        return procore.me();
    }

    @Benchmark
    @Threads(1)
    public Object staticBearerOneThread() {
        return staticBearer.me();
    }

    @Benchmark
    @Threads(2)
    public Object procoreClientTwoThreads() {
        return procore.me();
    }

    @Benchmark
    @Threads(2)
    public Object staticBearerTwoThreads() {
        return staticBearer.me();
    }

}
