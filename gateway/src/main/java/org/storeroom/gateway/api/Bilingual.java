package org.storeroom.gateway.api;

/**
 * An error a person reads, said in Chinese as well as in English ({@link Throwable#getMessage()}): the API
 * answers in the caller's language ({@code Accept-Language}, Chinese unless English is asked for).
 */
public interface Bilingual {
    /** @return the message in Chinese */
    String messageZh();

    /** @return {@code t}'s message in {@code lang} ({@code en} or Chinese), English when it has no Chinese */
    static String message(Throwable t, String lang) {
        return !"en".equals(lang) && t instanceof Bilingual b && b.messageZh() != null ? b.messageZh() : t.getMessage();
    }

    /** A refusal by the state of things (409 in the API), in both languages. */
    class Refused extends IllegalStateException implements Bilingual {
        private static final long serialVersionUID = 1L;
        private final String zh;

        public Refused(String en, String zh) {
            super(en);
            this.zh = zh;
        }

        @Override
        public String messageZh() {
            return zh;
        }
    }

    /** Bad input (400 in the API, or 404 for {@link NotFound}), naming the thing and the value, in both languages. */
    class BadInput extends IllegalArgumentException implements Bilingual {
        private static final long serialVersionUID = 1L;
        private final String zh;

        public BadInput(String en, String zh) {
            super(en);
            this.zh = zh;
        }

        @Override
        public String messageZh() {
            return zh;
        }
    }

    /** Something asked for by name that does not exist (404 in the API). */
    class NotFound extends BadInput {
        private static final long serialVersionUID = 1L;

        public NotFound(String en, String zh) {
            super(en, zh);
        }
    }
}
