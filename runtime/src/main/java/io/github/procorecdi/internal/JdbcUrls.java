package io.github.procorecdi.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the credentials a JDBC URL (or a driver's message quoting one) can carry, in every form the five databases
 * docs/token-stores.md documents accept. Masking errs on the side of hiding too much: a message may lose a host or a database name,
 * never show a password.
 * <ul>
 * <li>secret parameters, whatever the separator ({@code ?&} PostgreSQL, MariaDB/MySQL; {@code ;} SQL Server, H2,
 * jTDS; {@code ,()} MySQL's key-value host syntax): any key containing {@code password}, {@code passwd}, {@code pwd},
 * {@code secret} or {@code token} ({@code sslpassword}, {@code trustStorePassword}, {@code accessToken},
 * {@code oracle.net.wallet_password} ...), including SQL Server's braced values ({@code password={a;b}}, with
 * {@code }}} as an escaped brace);</li>
 * <li>user info before a host ({@code //user:password@host}, MariaDB/MySQL), up to the last {@code @};</li>
 * <li>Oracle's {@code user/password@} ({@code jdbc:oracle:thin:scott/tiger@//db:1521/ORCL}, also quoted
 * passwords).</li>
 * </ul>
 */
public final class JdbcUrls {
    /** What replaces a secret. */
    public static final String MASK = "****";
    /** A key naming a secret, its {@code =}, and its value: braced (SQL Server), quoted, or up to the next separator. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([A-Za-z0-9_.\\-]*(?:password|passwd|pwd|secret|token)[A-Za-z0-9_.\\-]*\\s*=\\s*)"
                    + "(\\{(?:[^}]|\\}\\})*\\}?|\"[^\"]*\"?|'[^']*'?|[^;&\\r\\n]*)");
    /** Oracle's {@code user/password@}: a quoted password, else everything up to the last {@code @} of the URL. */
    private static final Pattern ORACLE_USER_PASSWORD = Pattern.compile(
            "(?i)(jdbc:oracle:[a-z0-9]+:(?:\"[^\"]*\"|[^/@\\s:\"]*))/(?:\"[^\"]*\"|[^\\s'\"]*)@");
    /** {@code //user:password@}: everything up to the last {@code @} of the URL (a password may hold {@code @} or {@code /}). */
    private static final Pattern USER_INFO = Pattern.compile("//([^/@\\s:'\"]*):[^\\s'\"]*@");

    private JdbcUrls() {
    }

    /** @return {@code text} with every credential of a JDBC URL replaced by {@value #MASK}; {@code null} for {@code null} */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = replace(SECRET_PARAM, text, m -> m.group(1) + MASK);
        masked = replace(ORACLE_USER_PASSWORD, masked, m -> m.group(1) + "/" + MASK + "@");
        return replace(USER_INFO, masked, m -> "//" + m.group(1) + ":" + MASK + "@");
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
