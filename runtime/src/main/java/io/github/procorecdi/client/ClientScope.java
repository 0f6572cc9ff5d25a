package io.github.procorecdi.client;

/**
 * What a client is bound to beyond its connection: a subject ({@code forSubject}) and a company
 * ({@code forCompany}), each {@code null} when not bound.
 *
 * @param subject   the subject whose tokens every call uses, or {@code null} for the current subject of each call
 * @param companyId the {@code Procore-Company-Id} to send unless a call sets its own, or {@code null} for {@code company-id}
 */
public record ClientScope(String subject, String companyId) {
    /** Bound to nothing. */
    public static final ClientScope NONE = new ClientScope(null, null);

    /** @return this scope bound to {@code subject} */
    public ClientScope withSubject(String subject) {
        return new ClientScope(subject, companyId);
    }

    /** @return this scope bound to {@code companyId} */
    public ClientScope withCompany(String companyId) {
        return new ClientScope(subject, companyId);
    }

    /** @return the subject a call uses: the bound one, else the current subject of the call ({@code forSubject} wins) */
    public String subject(Subjects subjects) {
        return subject != null ? subject : subjects.current();
    }

    /** @return the {@code Procore-Company-Id} to send unless a call sets its own: the bound one, else {@code configured} */
    public String company(String configured) {
        return companyId != null ? companyId : configured;
    }
}
