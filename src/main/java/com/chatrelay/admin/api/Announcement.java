package com.chatrelay.admin.api;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/announcements}.
 * @param text what users read after {@code [SERVER] }
 * @param room only its members get it ({@code #ops}; SPEC §9); absent: every user
 */
record Announcement(@NotBlank String text, @Nullable String room) {
}
