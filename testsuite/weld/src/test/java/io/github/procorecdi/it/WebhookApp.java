package io.github.procorecdi.it;

import java.net.ServerSocket;

import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.web.ProcoreWebFilter;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.InstanceFactory;
import io.undertow.servlet.util.ImmediateInstanceHandle;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

/** One Weld container's connections served by Undertow over HTTP on 127.0.0.1 (several may run in one JVM). */
final class WebhookApp implements AutoCloseable {
    final String base;
    private final Undertow server;
    private final DeploymentManager deployment;

    WebhookApp(WeldContainer container) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port + "/app";
        ProcoreWebFilter filter = new ProcoreWebFilter(container);
        InstanceFactory<Filter> factory = () -> new ImmediateInstanceHandle<>(filter);
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(WebhookApp.class.getClassLoader())
                .setContextPath("/app")
                .setDeploymentName("webhooks-" + port + ".war")
                .addFilter(new FilterInfo("procore-cdi", ProcoreWebFilter.class, factory).setAsyncSupported(true))
                .addFilterUrlMapping("procore-cdi", "/*", DispatcherType.REQUEST);
        deployment = Servlets.defaultContainer().addDeployment(info);
        deployment.deploy();
        server = Undertow.builder().addHttpListener(port, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/app", deployment.start())).build();
        server.start();
    }

    @Override
    public void close() throws jakarta.servlet.ServletException {
        server.stop();
        deployment.stop();
        deployment.undeploy();
    }
}
