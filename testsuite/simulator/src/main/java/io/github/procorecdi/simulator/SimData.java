package io.github.procorecdi.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The simulator's companies and projects. */
final class SimData {
    /** A small company and a large one (250 projects, for pagination). */
    static final List<Company> COMPANIES = List.of(
            new Company(101, "Simulated Builders Inc."),
            new Company(202, "Large Scale Construction Co."));

    private final Map<Long, List<Project>> projects = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(900_000);

    SimData() {
        List<Project> small = new CopyOnWriteArrayList<>();
        String[] names = {"Harbor Bridge Retrofit", "Maple Street Library", "Riverside Medical Center"};
        for (int i = 0; i < names.length; i++) {
            small.add(new Project(1_001 + i, names[i], COMPANIES.get(0)));
        }
        projects.put(101L, small);
        List<Project> large = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            large.add(new Project(20_000 + i, String.format("Tower Block %03d", i), COMPANIES.get(1)));
        }
        projects.put(202L, new CopyOnWriteArrayList<>(large));
    }

    static Company company(long id) {
        return COMPANIES.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }

    List<Project> projects(long companyId) {
        return projects.getOrDefault(companyId, List.of());
    }

    Project createProject(Company company, String name) {
        Project p = new Project(ids.incrementAndGet(), name, company);
        projects.computeIfAbsent(company.id(), k -> new CopyOnWriteArrayList<>()).add(p);
        return p;
    }

    record Company(long id, String name) {
        JsonObject json() {
            return Json.createObjectBuilder().add("id", id).add("name", name).add("is_active", true).build();
        }
    }

    record Project(long id, String name, Company company) {
        JsonObject json() {
            return Json.createObjectBuilder().add("id", id).add("name", name).add("active", true)
                    .add("company", Json.createObjectBuilder().add("id", company.id()).add("name", company.name())).build();
        }
    }
}
