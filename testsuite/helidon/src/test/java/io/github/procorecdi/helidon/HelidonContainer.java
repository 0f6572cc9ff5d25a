package io.github.procorecdi.helidon;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * An Arquillian container for Helidon MP 4, which deploys no WAR: "deploying" a test WAR starts a Helidon MP JVM
 * ({@code io.helidon.microprofile.cdi.Main}) whose class path is the WAR's {@code WEB-INF/classes} (with its
 * {@code beans.xml} and {@code microprofile-config.properties}) before this module's test class path (Helidon, procore-cdi,
 * the {@link io.github.procorecdi.helidon.bridge.ServletBridge}); undeploying stops it. A WAR whose CDI deployment fails
 * makes that JVM exit: the deployment fails with what it printed. One application per JVM: deploying another one stops
 * the test application, which starts again when that one is undeployed or failed.
 */
public class HelidonContainer implements DeployableContainer<HelidonConfiguration> {
    static final Path HOME = Path.of("target", "helidon-server").toAbsolutePath();
    /** Everything the Helidon JVMs print, appended. */
    static final Path LOG = HOME.resolve("server.log");

    private HelidonConfiguration config;
    private Process process;
    /** The first application deployed (the test application): it runs again after another one was tried. */
    private Archive<?> primary;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Class<HelidonConfiguration> getConfigurationClass() {
        return HelidonConfiguration.class;
    }

    @Override
    public void setup(HelidonConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            Files.createDirectories(HOME);
            Files.deleteIfExists(LOG);
            Files.createFile(LOG);
        } catch (IOException e) {
            throw new LifecycleException("cannot prepare " + HOME, e);
        }
    }

    @Override
    public void stop() {
        stopServer();
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (primary == null) {
            primary = archive;
        }
        try {
            launch(archive);
        } catch (DeploymentException e) {
            if (archive != primary) {
                launch(primary); // one application per JVM: the test application comes back
            }
            throw e;
        }
        return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", config.getHttpPort()));
    }

    private void launch(Archive<?> archive) throws DeploymentException {
        stopServer();
        long started = System.nanoTime();
        String name = archive.getName().replace(".war", "");
        Path classes = HOME.resolve(name);
        List<String> servlets = new ArrayList<>();
        try {
            deleteTree(classes);
            for (Map.Entry<ArchivePath, Node> e : archive.getContent().entrySet()) {
                String path = e.getKey().get();
                if (e.getValue().getAsset() == null) {
                    continue;
                }
                String target = path.startsWith("/WEB-INF/classes/") ? path.substring("/WEB-INF/classes/".length())
                        : path.equals("/WEB-INF/beans.xml") ? "META-INF/beans.xml" : null;
                if (target == null) {
                    continue; // WEB-INF/lib: procore-cdi, already on the class path
                }
                Path file = classes.resolve(target);
                Files.createDirectories(file.getParent());
                try (InputStream in = e.getValue().getAsset().openStream()) {
                    Files.copy(in, file);
                }
                if (target.endsWith(".class") && !target.contains("$")) {
                    String className = target.substring(0, target.length() - ".class".length()).replace('/', '.');
                    if (bridged(className)) {
                        servlets.add(className);
                    }
                }
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(config.getJavaVmArguments().trim().split("\\s+")));
            command.add("-Dserver.port=" + config.getHttpPort());
            command.add("-Dserver.host=127.0.0.1");
            command.add("-Dprocore.it.servlets=" + String.join(",", servlets));
            command.addAll(List.of("-cp", classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                    "io.helidon.microprofile.cdi.Main"));
            long mark = Files.size(LOG);
            process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.getStartupTimeoutSeconds());
            while (!answers()) {
                if (!process.isAlive()) {
                    process = null;
                    throw new DeploymentException("Helidon MP did not start " + name + ":\n" + since(mark));
                }
                if (System.nanoTime() > deadline) {
                    stopServer();
                    throw new DeploymentException("Helidon MP did not start " + name + " within "
                            + config.getStartupTimeoutSeconds() + " s");
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new DeploymentException("cannot start Helidon MP with " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted", e);
        }
        System.out.println("[boot] Helidon MP " + System.getProperty("helidon.version") + " (Java "
                + Runtime.version().feature() + "): started with " + name + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    /**
     * @return whether the {@link io.github.procorecdi.helidon.bridge.ServletBridge} serves this class: a
     *         {@code @WebServlet} of the test application (on this module's class path); another application's servlets
     *         (the web sample's) are not served, as Helidon has no Servlet container
     */
    private boolean bridged(String className) {
        try {
            return Class.forName(className, false, getClass().getClassLoader())
                    .isAnnotationPresent(jakarta.servlet.annotation.WebServlet.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        stopServer();
        if (archive != primary && primary != null) {
            launch(primary);
        } else {
            primary = null;
        }
    }

    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed to Helidon");
    }

    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed to Helidon");
    }

    private boolean answers() {
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.getHttpPort() + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String since(long mark) throws IOException {
        byte[] all = Files.readAllBytes(LOG);
        return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark), StandardCharsets.UTF_8);
    }

    private void stopServer() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
