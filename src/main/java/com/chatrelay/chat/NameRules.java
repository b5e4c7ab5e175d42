package com.chatrelay.chat;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * What a user name may be, and when two names are the same name.
 * <p>
 * Which characters a name may have is {@link NameSyntax}'s rule (UAX #31: letters of every script
 * with their marks, digits, '_', '-', '.'), checked as received: a control character or a space
 * makes it invalid; a name is kept in NFC ({@link #normalize}). Two names are the same when their
 * keys are: the Unicode confusable skeleton (UTS #39, ICU's {@link SpoofChecker}) of the name
 * folded for case and compatibility (NFKC, which also drops the joiners), so that
 * {@code Alice}, full-width {@code Ａｌｉｃｅ} and {@code Аlice} with a Cyrillic А are one name.
 * The names of the server and its operators are reserved, with everything confusable with them.
 */
public final class NameRules {

	private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

	private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();

	/** Immutable once built, and thread-safe for skeletons (ICU's contract). */
	private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder()
		.setChecks(SpoofChecker.CONFUSABLE)
		.build();

	/** Marks the keys of how a name looks in capitals, so they meet only each other. */
	private static final String CAPITALS = "\u0000";

	private static final Set<String> RESERVED = reserved("server", "admin", "system");

	private static Set<String> reserved(String... names) {
		Set<String> keys = new HashSet<>();
		for (String name : names) {
			keys.addAll(keys(name));
		}
		return Set.copyOf(keys);
	}

	private NameRules() {
	}

	/** The form a user name is kept, shown and compared in: NFC ({@code e} + U+0301 is {@code é}). */
	public static String normalize(String name) {
		return NameSyntax.normalize(name);
	}

	/** @return why the user name (in NFC) is not acceptable, or null when it is */
	static String problem(String name) {
		String problem = NameSyntax.USER_NAMES.problem(name);
		if (problem != null) {
			return problem;
		}
		if (!Collections.disjoint(RESERVED, keys(name))) {
			return "the name " + name + " is reserved";
		}
		return null;
	}

	/** The key under which a name is looked up: the confusable skeleton of the folded name. */
	public static String key(String name) {
		return CONFUSABLES.getSkeleton(FOLD.normalize(name));
	}

	/**
	 * The keys of a name, {@link #key} first; two names are the same name when they share a key.
	 * Case folding and UTS #39 skeletons do not commute: the skeleton maps a capital I to l and a
	 * Greek or Lisu capital to a Latin capital, folding maps I to i and Greek capitals to Greek
	 * small letters. So {@code aIice}, {@code ΑDΜΙΝ} (Greek) and {@code ADMlN} would each escape a
	 * single key; each of them meets {@code alice} or {@code admin} in one of these.
	 */
	public static List<String> keys(String name) {
		String text = NFKC.normalize(name);
		Set<String> keys = new LinkedHashSet<>();
		keys.add(key(text));
		keys.add(FOLD.normalize(CONFUSABLES.getSkeleton(text)));
		keys.add(CAPITALS + CONFUSABLES.getSkeleton(UCharacter.toUpperCase(Locale.ROOT, text)));
		keys.add(CAPITALS + CONFUSABLES.getSkeleton(text));
		return List.copyOf(keys);
	}

	/** Whether two names are the same name: equal when folded, or confusable. */
	static boolean sameName(String one, String other) {
		return !Collections.disjoint(keys(one), keys(other));
	}

	/** Trims spaces and tabs only, so that other control characters still make a name invalid. */
	static String trim(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isBlank(text.charAt(start))) {
			start++;
		}
		while (end > start && isBlank(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	private static boolean isBlank(char c) {
		return c == '\t' || Character.isSpaceChar(c);
	}

}
