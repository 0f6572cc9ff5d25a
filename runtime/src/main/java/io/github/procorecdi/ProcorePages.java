package io.github.procorecdi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.procorecdi.internal.Json;
import io.github.procorecdi.internal.JsonBinding;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;

/**
 * Streams every item of a paginated Procore list endpoint, lazily, one page at a time: the next
 * page is requested only when the items of the current one are consumed, and only while the
 * answer's {@code Link} header has a {@code rel="next"} link (whose {@code page} parameter is used).
 *
 * <pre>{@code
 * public interface ProjectsApi {
 *     @GET @Path("/rest/v1.0/projects")
 *     Response page(@QueryParam("company_id") long company, @QueryParam("page") int page,
 *                   @QueryParam("per_page") int perPage);
 * }
 *
 * try (Stream<Project> all = ProcorePages.stream(Project.class, page -> projects.page(42, page, 100))) {
 *     all.filter(Project::active).forEach(...);
 * }
 * }</pre>
 *
 * Each page's {@link Response} is read as a JSON array of {@code itemType} (REST v1.x) or as REST v2's
 * {@code {"data": [...]}} envelope (v2 pages hold at most 100 items), and closed. Failures of a
 * page call surface as the usual Procore exceptions from the stream's terminal operation.
 */
public final class ProcorePages {
    private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");

    private ProcorePages() {
    }

    /**
     * @param itemType  the element type of each page's JSON array
     * @param fetchPage calls the list endpoint for a 1-based page number (with the {@code per_page} you want)
     * @return a lazy, sequential stream of every item of every page
     */
    public static <T> Stream<T> stream(Class<T> itemType, IntFunction<Response> fetchPage) {
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(fetchPage, "fetchPage");
        return StreamSupport.stream(new PageSpliterator<>(itemType, fetchPage), false);
    }

    /** @return the page number the {@code Link} header's {@code rel="next"} points to, or {@code -1} on the last page */
    static int nextPage(Response response, int current) {
        Link next = response.getLink("next");
        String uri = next != null ? next.getUri().toString() : nextFromHeader(response.getHeaderString("Link"));
        if (uri == null) {
            return -1;
        }
        Matcher m = PAGE.matcher(uri);
        if (m.find() && m.group(1).length() <= 9) { // a page number that does not fit is taken as absent
            return Integer.parseInt(m.group(1));
        }
        return current + 1;
    }

    private static String nextFromHeader(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(",")) {
            if (part.contains("rel=\"next\"") || part.contains("rel=next")) {
                int start = part.indexOf('<');
                int end = part.indexOf('>');
                if (start >= 0 && end > start) {
                    return part.substring(start + 1, end);
                }
            }
        }
        return null;
    }

    private static final class PageSpliterator<T> extends Spliterators.AbstractSpliterator<T> {
        private final GenericType<List<T>> listType;
        private final IntFunction<Response> fetchPage;
        private final Deque<T> buffer = new ArrayDeque<>();
        private int nextPage = 1;

        PageSpliterator(Class<T> itemType, IntFunction<Response> fetchPage) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.listType = new GenericType<>(new ListOf(itemType));
            this.fetchPage = fetchPage;
        }

        /** A v1 page is a JSON array; a v2 page is {@code {"data": [...]}}. */
        private List<T> read(Response response) {
            response.bufferEntity();
            String text = response.readEntity(String.class);
            if (Json.tryValue(text) instanceof JsonObject envelope && envelope.get("data") instanceof JsonArray data) {
                return JsonBinding.jsonb().fromJson(data.toString(), listType.getType());
            }
            return response.readEntity(listType);
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            while (buffer.isEmpty()) {
                if (nextPage < 1) {
                    return false;
                }
                int page = nextPage;
                try (Response response = fetchPage.apply(page)) {
                    List<T> items = read(response);
                    if (items != null) {
                        items.stream().filter(Objects::nonNull).forEach(buffer::add);
                    }
                    int next = nextPage(response, page);
                    nextPage = next > page ? next : -1; // never loop back
                    if (items == null || items.isEmpty()) {
                        nextPage = -1;
                    }
                }
            }
            action.accept(buffer.poll());
            return true;
        }
    }

    /** {@code List<T>} as a {@link ParameterizedType}, for reading a page with the JSON-B provider. */
    private record ListOf(Type item) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {item};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && p.getRawType() == List.class && p.getOwnerType() == null
                    && Arrays.equals(p.getActualTypeArguments(), getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getActualTypeArguments()) ^ List.class.hashCode();
        }

        @Override
        public String toString() {
            return "java.util.List<" + item.getTypeName() + ">";
        }
    }
}
