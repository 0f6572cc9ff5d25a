package io.github.procorecdi.samples.quarkus;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/**
 * The service-account job as a Quarkus application: lists the companies the service account reaches and the first
 * projects of each, through {@code @ProcoreClient("dmsa")}. By default ({@code sample.simulator=true}) it talks to the
 * Procore simulator it starts in-process on {@code sample.simulator.port}; with real credentials
 * ({@code PROCORE_DMSA_CLIENT_ID}, {@code PROCORE_DMSA_CLIENT_SECRET}, {@code PROCORE_DMSA_COMPANY_ID},
 * {@code PROCORE_DMSA_ENVIRONMENT=sandbox}, {@code SAMPLE_SIMULATOR=false}) it talks to Procore.
 */
@QuarkusMain
public class CompanyListJob implements QuarkusApplication {
    @Inject @ProcoreClient("dmsa") ProcoreConnection procore;
    @Inject @ProcoreClient("dmsa") ProcoreApi api;
    @ConfigProperty(name = "sample.simulator", defaultValue = "true") boolean simulator;
    @ConfigProperty(name = "sample.simulator.port", defaultValue = "18491") int port;

    public static void main(String... args) {
        Quarkus.run(CompanyListJob.class, args);
    }

    @Override
    public int run(String... args) {
        ProcoreSimulator sim = simulator ? ProcoreSimulator.start(port) : null;
        try {
            System.out.println("quarkus sample: connection '" + procore.name() + "', grant " + procore.grantType());
            for (ProcoreApi.Company company : api.companies()) {
                ProcoreApi projects = procore.forCompany(company.id()).client(ProcoreApi.class);
                System.out.println("company " + company.id() + " " + company.name() + ": "
                        + projects.projects(company.id(), 5).stream().map(ProcoreApi.Project::name).toList());
            }
            return 0;
        } catch (ProcoreException e) {
            System.err.println("quarkus sample: " + e.getMessage());
            return 1;
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }
}
