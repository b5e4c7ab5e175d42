/**
 * The admin console under {@code /admin}: its two pages, the poll that feeds them
 * ({@code /admin/api/overview}) with its lists a page at a time, and the live traffic figures; its
 * changes go to {@code admin.api}'s own operations. May use {@code chat}, {@code metrics},
 * {@code admin.api} and {@code admin.audit}; not {@code admin.security} (its login and session are
 * configured there) nor {@code admin.errors}.
 */
package com.chatrelay.admin.console;
