package io.github.procorecdi.docs;

import java.io.Console;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreConnection;

/** docs/guide-installed-apps.md: sign in when there is no usable token. */
class InstalledAppSnippets {
    interface MeApi {
        Object me();
    }

    Object signIn(MeApi api, ProcoreConnection connection, String state, Console console) {
        Object me = null;
        try {
            me = api.me();
        } catch (ProcoreAuthorizationRequiredException e) {
            System.out.println("Open " + connection.authorizationUri(state) + " and paste the code:");
            connection.exchangeCode(console.readLine());
        }
        return me;
    }
}
