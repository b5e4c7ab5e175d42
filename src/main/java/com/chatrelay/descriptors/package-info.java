/**
 * The relay at the process's file-descriptor limit: the chat port's connection limit fitted to it at
 * start-up ({@link com.chatrelay.descriptors.DescriptorBudget}), and the HTTP side's failed accepts
 * logged once per episode and counted ({@link com.chatrelay.descriptors.HttpAcceptFailures}).
 */
package com.chatrelay.descriptors;
