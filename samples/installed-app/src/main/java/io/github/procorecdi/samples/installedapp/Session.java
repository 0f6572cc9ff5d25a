package io.github.procorecdi.samples.installedapp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** One run of the tool: sign in if needed (pasting the code Procore shows), then list the user's companies. */
@Dependent
public class Session {

    @Inject
    @ProcoreClient
    ProcoreConnection procore;

    @Inject
    @ProcoreClient
    ProcoreApi api;

    /** @return 0 on success */
    public int run(String command, BufferedReader in, PrintStream out) throws IOException {
        if ("sign-out".equals(command)) {
            procore.revoke();
            out.println("Signed out: tokens revoked at Procore and removed from this computer.");
            return 0;
        }
        Me me;
        try {
            me = api.me();
        } catch (ProcoreAuthorizationRequiredException e) {
            if (!signIn(in, out)) {
                return 2;
            }
            me = api.me();
        }
        out.println("Signed in as " + me.name() + " (" + me.login() + ")");
        for (Company c : api.companies()) {
            out.println("  company " + c.id() + ": " + c.name());
        }
        return 0;
    }

    private boolean signIn(BufferedReader in, PrintStream out) throws IOException {
        byte[] state = new byte[16];
        new SecureRandom().nextBytes(state);
        out.println("Not signed in to Procore yet. Open this address in a browser, sign in and allow access:");
        out.println();
        out.println("  " + procore.authorizationUri(Base64.getUrlEncoder().withoutPadding().encodeToString(state)));
        out.println();
        out.print("Then paste the code Procore shows here: ");
        out.flush();
        String code = in.readLine();
        if (code == null || code.isBlank()) {
            out.println();
            out.println("No code entered; nothing changed.");
            return false;
        }
        procore.exchangeCode(code.trim());
        out.println("Thanks. The refresh token is stored; next runs need no browser.");
        return true;
    }
}
