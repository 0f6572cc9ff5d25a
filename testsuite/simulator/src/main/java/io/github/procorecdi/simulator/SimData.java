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

    /** Told of every project created, updated or deleted (company, project, event type). */
    interface Changes {
        void changed(Project project, String eventType);
    }

    private final Map<Long, List<Project>> projects = new ConcurrentHashMap<>();
    private volatile Changes changes = (p, t) -> { };
    private final AtomicLong ids = new AtomicLong(900_000);

    SimData() {
        List<Project> small = new CopyOnWriteArrayList<>();
        String[] names = {"Harbor Bridge Retrofit", "Maple Street Library", "Riverside Medical Center"};
        for (int i = 0; i < names.length; i++) {
            small.add(new Project(1_001 + i, names[i], COMPANIES.get(0), null));
        }
        projects.put(101L, small);
        List<Project> large = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            large.add(new Project(20_000 + i, String.format("Tower Block %03d", i), COMPANIES.get(1), null));
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
        return createProject(company, name, null);
    }

    Project createProject(Company company, String name, String originId) {
        Project p = new Project(ids.incrementAndGet(), name, company, originId);
        projects.computeIfAbsent(company.id(), k -> new CopyOnWriteArrayList<>()).add(p);
        changes.changed(p, "create");
        return p;
    }

    SimData onChange(Changes listener) {
        this.changes = listener;
        return this;
    }

    /** @return the deleted project, or {@code null} */
    Project delete(long companyId, long projectId) {
        Project p = project(companyId, projectId);
        if (p != null && projects.get(companyId).remove(p)) {
            changes.changed(p, "delete");
            return p;
        }
        return null;
    }

    Project project(long companyId, long projectId) {
        return projects(companyId).stream().filter(p -> p.id() == projectId).findFirst().orElse(null);
    }

    Project projectByOrigin(long companyId, String originId) {
        return projects(companyId).stream().filter(p -> originId.equals(p.originId())).findFirst().orElse(null);
    }

    /** Replaces a project by one with the same id. */
    Project update(Project changed) {
        List<Project> list = projects.get(changed.company().id());
        list.replaceAll(p -> p.id() == changed.id() ? changed : p);
        changes.changed(changed, "update");
        return changed;
    }

    record Company(long id, String name) {
        JsonObject json() {
            return Json.createObjectBuilder().add("id", id).add("name", name).add("is_active", true).build();
        }
    }

    record Project(long id, String name, Company company, String originId) {
        JsonObject json() {
            jakarta.json.JsonObjectBuilder b = Json.createObjectBuilder().add("id", id).add("name", name).add("active", true);
            if (originId != null) {
                b.add("origin_id", originId);
            }
            return b.add("company", Json.createObjectBuilder().add("id", company.id()).add("name", company.name())).build();
        }
    }
}
