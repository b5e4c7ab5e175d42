package com.chatrelay.admin.api;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /api/announcements}. */
record Announcement(@NotBlank String text) {
}
