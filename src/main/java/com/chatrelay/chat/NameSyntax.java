package com.chatrelay.chat;

import java.util.Locale;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.Normalizer2;
import org.jspecify.annotations.Nullable;

/**
 * Which characters a user or room name may have, in what order: a UAX #31 identifier (XID_Start,
 * then XID_Continue, so letters with the marks their writing needs) that may also start with a
 * digit and have {@code _ - .} anywhere, checked on its NFC form, with an error that says what is wrong.
 * Look-alikes and reserved names are {@link NameRules}'s job.
 */
public final class NameSyntax {

	/**
	 * Characters of a name, at most, counted as a reader counts them: grapheme clusters (UAX #29)
	 * of the NFC form, so a Devanagari or Thai name is not charged for its vowel signs.
	 */
	public static final int MAX_LENGTH = 32;

	/**
	 * Marks on one letter or digit, at most: writing needs two or three (Vietnamese, pointed Hebrew,
	 * Thai), a tower of them is only there to overflow the lines above and below ("Zalgo").
	 */
	public static final int MAX_MARKS = 4;

	/**
	 * Code points of a name, at most (NFC): a grapheme cluster may hold any number of them (a run of
	 * Hangul jamo, a chain of Devanagari conjuncts), and a 32-character name must not be 4 KB in every
	 * line that carries it. Two per character leaves room for every script's vowel signs and viramas.
	 */
	public static final int MAX_CODE_POINTS = 2 * MAX_LENGTH;

	/** User names (SPEC §1). */
	public static final NameSyntax USER_NAMES = new NameSyntax("a name");

	/** Room names without their '#' (SPEC §9). */
	public static final NameSyntax ROOM_NAMES = new NameSyntax("a room name");

	private static final int DOT_ABOVE = 0x0307;

	private static final int DOTLESS_I = 0x0131;

	private static final int DOTLESS_J = 0x0237;

	private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

	private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

	private final String noun;

	private NameSyntax(String noun) {
		this.noun = noun;
	}

	/** The form a name is kept and shown in: NFC, so {@code e} + U+0301 is {@code é}. */
	public static String normalize(String name) {
		return NFC.normalize(name);
	}

	/** @return why the name (in NFC) is not acceptable, or null when it is */
	public String problem(String name) {
		String text = normalize(name);
		if (text.isEmpty()) {
			return this.noun + " may not be empty";
		}
		boolean letterOrDigit = false;
		boolean onBase = false; // the last character is a letter or digit, or a mark on one
		int marks = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			String problem = problem(text, i, cp, onBase, marks);
			if (problem != null) {
				return problem;
			}
			if (isMark(cp)) {
				marks += marksIn(cp);
			}
			else {
				marks = marksIn(cp); // a precomposed ễ has two already
				onBase = isLetterOrDigit(cp);
				letterOrDigit |= onBase;
			}
			i += Character.charCount(cp);
		}
		if (!letterOrDigit) {
			return this.noun + " needs at least one letter or digit";
		}
		if (graphemes(text) > MAX_LENGTH) {
			return this.noun + " is at most " + MAX_LENGTH + " characters";
		}
		if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
			return this.noun + " is at most " + MAX_LENGTH + " characters (" + MAX_CODE_POINTS
					+ " letters, digits and marks together)";
		}
		return invisibleMark(text);
	}

	/**
	 * A mark that changes nothing a reader sees (UTS #39 section 5.4): the same mark twice on one
	 * letter, or a dot above on a letter that has its dot already (i, j) or that gets one from it (ı,
	 * ȷ), so {@code admi}U+0307{@code n} cannot pass for {@code admin}. Checked decomposed, where
	 * every mark stands alone.
	 */
	private @Nullable String invisibleMark(String text) {
		String decomposed = NFD.normalize(text);
		int base = -1;
		int previous = -1;
		for (int i = 0; i < decomposed.length();) {
			int cp = decomposed.codePointAt(i);
			if (!isMark(cp)) {
				base = cp;
			}
			else if (cp == previous) {
				return this.noun + " may not repeat a mark (" + codePoint(cp) + ") on one character";
			}
			else if (cp == DOT_ABOVE && (UCharacter.hasBinaryProperty(base, UProperty.SOFT_DOTTED)
					|| base == DOTLESS_I || base == DOTLESS_J)) {
				return this.noun + " may not put a dot above (U+0307) on " + describe(base) + ": it looks like "
						+ (base == DOTLESS_J || base == 'j' ? "j" : "i");
			}
			previous = cp;
			i += Character.charCount(cp);
		}
		return null;
	}

	/** What is wrong with the character at {@code index}, or null. */
	private String problem(String text, int index, int cp, boolean onBase, int marks) {
		if (UCharacter.isUWhiteSpace(cp)) {
			return this.noun + " may not contain spaces";
		}
		if (UCharacter.getType(cp) == UCharacterCategory.CONTROL) {
			return this.noun + " may not contain control characters";
		}
		if (Joiners.isJoiner(cp)) {
			return Joiners.allowedAt(text, index) ? null : Joiners.problem(cp, this.noun);
		}
		if (UCharacter.getType(cp) == UCharacterCategory.FORMAT
				|| UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
			// bidi overrides, zero-width spaces, the Hangul filler: they show nothing or move what others read
			return this.noun + " may only contain visible characters, not " + codePoint(cp);
		}
		if (isMark(cp)) {
			if (index == 0) {
				return this.noun + " may not start with a mark (" + codePoint(cp) + ")";
			}
			if (!onBase) {
				return "a mark (" + codePoint(cp) + ") must follow a letter or digit";
			}
			return (marks + marksIn(cp) <= MAX_MARKS) ? null
					: this.noun + " may have at most " + MAX_MARKS + " marks on one character";
		}
		if (cp == '_' || cp == '-' || cp == '.') {
			return null;
		}
		if (!UCharacter.hasBinaryProperty(cp, UProperty.XID_CONTINUE)) {
			return describe(cp) + " is not allowed in " + this.noun + "; use letters, digits, '_', '-' and '.'";
		}
		if (index == 0 && !UCharacter.hasBinaryProperty(cp, UProperty.XID_START) && !UCharacter.isDigit(cp)) {
			return this.noun + " may not start with " + describe(cp); // a connector such as U+203F, a middle dot
		}
		return null;
	}

	/** Nonspacing and spacing combining marks: vowel signs, viramas, accents, points. */
	static boolean isMark(int cp) {
		int type = UCharacter.getType(cp);
		return type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.COMBINING_SPACING_MARK;
	}

	/** Marks in the canonical decomposition of a character: the same whether it came composed or not. */
	private static int marksIn(int cp) {
		String decomposition = NFD.getDecomposition(cp);
		if (decomposition == null) {
			return isMark(cp) ? 1 : 0;
		}
		return (int) decomposition.codePoints().filter(NameSyntax::isMark).count();
	}

	private static boolean isLetterOrDigit(int cp) {
		return UCharacter.isLetter(cp) || UCharacter.getType(cp) == UCharacterCategory.LETTER_NUMBER
				|| UCharacter.isDigit(cp);
	}

	private static int graphemes(String text) {
		BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT); // a new one: they are not thread-safe
		clusters.setText(text);
		int count = 0;
		while (clusters.next() != BreakIterator.DONE) {
			count++;
		}
		return count;
	}

	/** {@code 'x' (U+0078)}, or only the code point for what would not show. */
	private static String describe(int cp) {
		int type = UCharacter.getType(cp);
		boolean shows = type != UCharacterCategory.UNASSIGNED && type != UCharacterCategory.PRIVATE_USE
				&& type != UCharacterCategory.SURROGATE && type != UCharacterCategory.ENCLOSING_MARK;
		return shows ? "'" + new String(Character.toChars(cp)) + "' (" + codePoint(cp) + ")" : codePoint(cp);
	}

	static String codePoint(int cp) {
		return String.format(Locale.ROOT, "U+%04X", cp);
	}

}
