package com.chatrelay.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bans this process enforces, in memory: which names and addresses are refused, until when.
 * Standalone they are all there is; clustered they are a copy of the cluster's (see {@link #sync}),
 * so that checking a connection never waits for Redis. Thread-safe; expired bans are not active
 * and are dropped as they are met.
 * <p>
 * A check costs the same with no bans as with tens of thousands (it runs on the thread that reads
 * every client, at each login): name bans are filed under their name's keys, address bans under
 * their ranges ({@link PrefixIndex}). Checks read without a lock; changes (rare: an operator's
 * ban, the cluster's sync, an expired ban met) take the lock of this object, so that the list and
 * its indexes change together.
 */
public final class Bans {

	private final Clock clock;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final MultiIndex<String, Entry> byNameKey = new MultiIndex<>();

	private final PrefixIndex<Entry> byAddress = new PrefixIndex<>();

	private final AtomicLong added = new AtomicLong();

	public Bans(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Adds a ban of a name or of an address (exactly one of them).
	 * @param reason shown to the banned user; control characters are removed, at most
	 * {@link Reasons#MAX_LENGTH} characters; null or blank for none
	 * @param duration how long it lasts, or null for ever
	 * @throws IllegalArgumentException for anything else, with what is wrong
	 */
	public Ban add(String name, String address, String reason, Duration duration) {
		if ((name == null) == (address == null)) {
			throw new IllegalArgumentException("give exactly one of name and address");
		}
		Reasons.check(reason);
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new IllegalArgumentException("duration must be positive");
		}
		List<String> nameKeys = null;
		AddressRange range = null;
		if (name != null) {
			name = NameRules.trim(name);
			String problem = NameRules.problem(name);
			if (problem != null) {
				throw new IllegalArgumentException(problem);
			}
			nameKeys = NameRules.keys(name);
		}
		else {
			address = address.strip();
			range = AddressRange.parse(address);
		}
		String why = (reason == null) ? null : TextSanitizer.removeControls(reason).strip();
		Instant now = this.clock.instant();
		Instant expiresAt = (duration != null) ? now.plus(duration) : null;
		Ban ban = new Ban(UUID.randomUUID().toString(), name, address, (why == null || TextSanitizer.isBlank(why)) ? null : why,
				now, expiresAt);
		long generation = this.added.incrementAndGet();
		store(new Entry(ban, nameKeys, range, generation, generation));
		return ban;
	}

	/**
	 * Adds a ban made elsewhere (another replica), already checked there; nothing when it is here.
	 * @param order its place among the cluster's bans
	 */
	public void put(Ban ban, long order) {
		if (ban.activeAt(this.clock.instant()) && !this.entries.containsKey(ban.id())) {
			store(entry(ban, order));
		}
	}

	/** Marks the present: {@link #sync} drops only bans known at a mark, not ones added since. */
	public long mark() {
		return this.added.get();
	}

	/**
	 * Makes these bans the cluster's as read from it: adds the missing ones and drops the ones it no
	 * longer has, unless they were added after {@code mark} (the read may not have seen them yet).
	 */
	public void sync(List<Shared> shared, long mark) {
		Set<String> ids = new HashSet<>();
		for (Shared one : shared) {
			ids.add(one.ban().id());
			put(one.ban(), one.order());
		}
		for (Entry entry : this.entries.values()) {
			if (entry.generation <= mark && !ids.contains(entry.ban.id())) {
				drop(entry);
			}
		}
	}

	private Entry entry(Ban ban, long order) {
		List<String> nameKeys = (ban.name() != null) ? NameRules.keys(ban.name()) : null;
		AddressRange range = (ban.address() != null) ? AddressRange.parse(ban.address()) : null;
		return new Entry(ban, nameKeys, range, order, this.added.incrementAndGet());
	}

	/** Ends a ban. @return the ban, or empty when none is active under that id */
	public Optional<Ban> remove(String id) {
		Entry entry = this.entries.get(id);
		if (entry == null || !drop(entry)) {
			return Optional.empty();
		}
		return entry.ban.activeAt(this.clock.instant()) ? Optional.of(entry.ban) : Optional.empty();
	}

	/** An active ban by id. */
	public Optional<Ban> find(String id) {
		Entry entry = this.entries.get(id);
		return (entry != null && entry.ban.activeAt(this.clock.instant())) ? Optional.of(entry.ban) : Optional.empty();
	}

	/** The active bans, oldest first. */
	public List<Ban> active() {
		List<Entry> live = new ArrayList<>(live());
		live.sort(Comparator.comparingLong(Entry::order));
		List<Ban> active = new ArrayList<>(live.size());
		for (Entry entry : live) {
			active.add(entry.ban);
		}
		return active;
	}

	/** The active ban of this name or a name confusable with it, or null. */
	public Ban forName(String name) {
		if (this.entries.isEmpty()) {
			return null;
		}
		Instant now = this.clock.instant();
		for (String key : NameRules.keys(name)) {
			for (Entry entry : this.byNameKey.get(key)) {
				if (inForce(entry, now)) {
					return entry.ban;
				}
			}
		}
		return null;
	}

	/** The active ban of a range that holds this literal address, or null. */
	public Ban forAddress(String host) {
		if (this.entries.isEmpty()) {
			return null;
		}
		byte[] address = AddressRange.parseAddress(AddressRange.stripZone(host));
		if (address == null) {
			return null;
		}
		Instant now = this.clock.instant();
		Entry entry = this.byAddress.find(address, (candidate) -> inForce(candidate, now));
		return (entry != null) ? entry.ban : null;
	}

	/** Whether a ban applies to this user: the name (may be null during the handshake) or the address. */
	boolean matches(Ban ban, String name, String host) {
		Entry entry = this.entries.get(ban.id());
		if (entry == null) {
			return false;
		}
		if (entry.nameKeys != null) {
			return name != null && entry.covers(NameRules.keys(name));
		}
		return entry.range.contains(host);
	}

	/** The entries in force; drops the expired ones on the way. */
	private List<Entry> live() {
		Instant now = this.clock.instant();
		List<Entry> live = new ArrayList<>(this.entries.size());
		for (Entry entry : this.entries.values()) {
			if (inForce(entry, now)) {
				live.add(entry);
			}
		}
		return live;
	}

	/** Whether the entry is in force; an expired one is dropped. */
	private boolean inForce(Entry entry, Instant now) {
		if (entry.ban.activeAt(now)) {
			return true;
		}
		drop(entry);
		return false;
	}

	/** Files a new entry under its id and in its index; nothing when one has that id. */
	private synchronized void store(Entry entry) {
		if (this.entries.putIfAbsent(entry.ban.id(), entry) != null) {
			return;
		}
		if (entry.nameKeys != null) {
			for (String key : entry.nameKeys) {
				this.byNameKey.add(key, entry);
			}
		}
		else {
			this.byAddress.add(entry.range, entry);
		}
	}

	/** Takes an entry out of the list and its index. @return whether it was there */
	private synchronized boolean drop(Entry entry) {
		if (!this.entries.remove(entry.ban.id(), entry)) {
			return false;
		}
		if (entry.nameKeys != null) {
			for (String key : entry.nameKeys) {
				this.byNameKey.remove(key, entry);
			}
		}
		else {
			this.byAddress.remove(entry.range, entry);
		}
		return true;
	}

	/**
	 * A ban with what it is matched by: the keys of the name ({@link NameRules#keys}), or the address range.
	 * @param order its place in the list (when it was added, whatever the clock says)
	 * @param generation when this process learnt of it
	 */
	private record Entry(Ban ban, List<String> nameKeys, AddressRange range, long order, long generation) {

		/** Whether this is a ban of a name with one of these keys: that name, or one confusable with it. */
		boolean covers(List<String> keys) {
			return this.nameKeys != null && !Collections.disjoint(this.nameKeys, keys);
		}

	}

	/**
	 * A ban as the cluster keeps it.
	 * @param order its place among the cluster's bans, oldest first
	 */
	public record Shared(Ban ban, long order) {
	}

}
