package io.github.procorecdi.payara;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * An Arquillian container for Payara Micro: one Payara Micro JVM for the whole module (booted by {@link PayaraAgent}
 * from the payara-micro.jar of Maven Central), to which each deployment is deployed and undeployed without a restart.
 * The server's console output is its log ({@link #LOG}).
 */
public class PayaraMicroContainer implements DeployableContainer<PayaraMicroConfiguration> {
    static final Path HOME = Path.of("target", "payara-server").toAbsolutePath();
    /** The server's log: everything its JVM prints. */
    static final Path LOG = HOME.resolve("server.log");

    private PayaraMicroConfiguration config;
    private static volatile Process process;
    private int controlPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @return the process id of the running Payara Micro JVM */
    static long pid() {
        return process.pid();
    }

    @Override
    public Class<PayaraMicroConfiguration> getConfigurationClass() {
        return PayaraMicroConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        long started = System.nanoTime();
        try {
            deleteTree(HOME);
            Path agent = HOME.resolve("agent");
            Path agentClass = agent.resolve(PayaraAgent.class.getName().replace('.', '/') + ".class");
            Files.createDirectories(agentClass.getParent());
            try (InputStream in = PayaraAgent.class.getResourceAsStream(PayaraAgent.class.getSimpleName() + ".class")) {
                Files.copy(in, agentClass);
            }
            Path portFile = HOME.resolve("control.port");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(config.getJavaVmArguments().trim().split("\\s+")));
            command.addAll(moduleFlags(Path.of(config.getPayaraJar())));
            command.addAll(List.of("-cp", config.getPayaraJar() + java.io.File.pathSeparator + agent,
                    PayaraAgent.class.getName(), Integer.toString(config.getHttpPort()), HOME.toString(), portFile.toString()));
            process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectOutput(LOG.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.getStartupTimeoutSeconds());
            while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
                if (!process.isAlive()) {
                    throw new LifecycleException("Payara Micro exited with " + process.exitValue() + " while booting; see " + LOG);
                }
                if (System.nanoTime() > deadline) {
                    throw new LifecycleException("Payara Micro did not boot within " + config.getStartupTimeoutSeconds() + " s; see " + LOG);
                }
                Thread.sleep(100);
            }
            controlPort = Integer.parseInt(Files.readString(portFile).trim());
            BootTimes.booted(System.nanoTime() - started);
        } catch (IOException e) {
            throw new LifecycleException("cannot start Payara Micro", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("interrupted while Payara Micro booted", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        if (process == null) {
            return;
        }
        try {
            command("/shutdown");
        } catch (DeploymentException e) {
            // it goes down below either way
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        long started = System.nanoTime();
        Path file = HOME.resolve("deployments").resolve(archive.getName());
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new DeploymentException("cannot write " + file, e);
        }
        archive.as(ZipExporter.class).exportTo(file.toFile(), true);
        String name = name(archive);
        command("/deploy?name=" + enc(name) + "&context=" + enc(name) + "&file=" + enc(file.toString()));
        BootTimes.deployed(name, System.nanoTime() - started);
        return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", config.getHttpPort()));
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        command("/undeploy?name=" + enc(name(archive)));
    }

    public void deploy(Descriptor descriptor) throws DeploymentException {
        throw new UnsupportedOperationException("descriptors are not deployed to Payara Micro here");
    }

    public void undeploy(Descriptor descriptor) throws DeploymentException {
        throw new UnsupportedOperationException("descriptors are not deployed to Payara Micro here");
    }

    /**
     * The {@code Add-Opens} and {@code Add-Exports} of payara-micro.jar's manifest, as command line flags: the JVM honours
     * them for {@code java -jar} only, and this JVM starts Payara Micro from the class path.
     */
    static List<String> moduleFlags(Path payaraJar) throws IOException {
        List<String> flags = new ArrayList<>();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(payaraJar.toFile())) {
            java.util.jar.Attributes main = jar.getManifest().getMainAttributes();
            for (String[] kind : new String[][] {{"Add-Opens", "--add-opens"}, {"Add-Exports", "--add-exports"}}) {
                String packages = main.getValue(kind[0]);
                if (packages != null) {
                    for (String modulePackage : packages.trim().split("\\s+")) {
                        flags.add(kind[1] + "=" + modulePackage + "=ALL-UNNAMED");
                    }
                }
            }
        }
        return flags;
    }

    private static String name(Archive<?> archive) {
        String n = archive.getName();
        return n.endsWith(".war") ? n.substring(0, n.length() - 4) : n;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void command(String pathAndQuery) throws DeploymentException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + pathAndQuery))
                    .timeout(Duration.ofSeconds(config.getStartupTimeoutSeconds())).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new DeploymentException(r.body());
            }
        } catch (IOException e) {
            throw new DeploymentException("Payara Micro's agent did not answer " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
