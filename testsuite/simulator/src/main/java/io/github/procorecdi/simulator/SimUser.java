package io.github.procorecdi.simulator;

import java.util.List;

/**
 * A Procore user of the simulator, who can sign in on its authorize page.
 *
 * @param id         Procore user id
 * @param login      login (e-mail)
 * @param password   password for the simulator's login form
 * @param name       display name
 * @param companyIds the companies the user belongs to
 */
public record SimUser(long id, String login, String password, String name, List<Long> companyIds) {
    @Override
    public String toString() {
        return "SimUser[" + id + ", " + login + "]";
    }
}
