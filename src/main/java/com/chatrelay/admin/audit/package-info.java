/**
 * The trail of admin actions (kick, ban, unban, announce, close_room): the latest in memory, bounded and counted,
 * every one logged on {@code chat.audit}. Uses nothing else of {@code admin}: the API records into it,
 * the API and the console read it.
 */
package com.chatrelay.admin.audit;
