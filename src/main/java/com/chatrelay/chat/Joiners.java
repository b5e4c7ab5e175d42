package com.chatrelay.chat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Where a name may hold the zero-width joiner and non-joiner (UAX #31 §2.3, rules A1, A2 and B):
 * after a virama, where they choose a conjunct's form (Sinhala {@code ශ්‍රී}, Malayalam, Devanagari
 * half forms), and a non-joiner between two joining letters (Persian {@code می‌خواهم}). Anywhere else
 * they change nothing visible, so they would only make two names look alike.
 */
final class Joiners {

	static final int ZWNJ = 0x200C;

	static final int ZWJ = 0x200D;

	/** Canonical_Combining_Class of a virama. */
	private static final int VIRAMA = 9;

	private Joiners() {
	}

	static boolean isJoiner(int cp) {
		return cp == ZWJ || cp == ZWNJ;
	}

	/** Whether the joiner at {@code index} stands where UAX #31 allows it. */
	static boolean allowedAt(String text, int index) {
		int cp = text.codePointAt(index);
		return afterVirama(text, index) || (cp == ZWNJ && joinsLeft(text, index) && joinsRight(text, index));
	}

	static String problem(int cp, String noun) {
		return (cp == ZWJ) ? "a zero-width joiner (U+200D) is only allowed in " + noun + " after a virama"
				: "a zero-width non-joiner (U+200C) is only allowed in " + noun
						+ " after a virama or between two joining letters";
	}

	/** A2 and B: {@code $L $M* $V $M1* joiner}: a letter, marks, a virama, marks of a nonzero class. */
	private static boolean afterVirama(String text, int index) {
		int i = index;
		while (i > 0) {
			int cp = text.codePointBefore(i);
			i -= Character.charCount(cp);
			int combining = UCharacter.getCombiningClass(cp);
			if (combining == VIRAMA) {
				return letterBefore(text, i);
			}
			if (combining == 0 || !NameSyntax.isMark(cp)) {
				return false;
			}
		}
		return false;
	}

	/** Whether a letter comes before {@code index}, with only marks between. */
	private static boolean letterBefore(String text, int index) {
		int i = index;
		while (i > 0) {
			int cp = text.codePointBefore(i);
			i -= Character.charCount(cp);
			if (UCharacter.isLetter(cp)) {
				return true;
			}
			if (!NameSyntax.isMark(cp)) {
				return false;
			}
		}
		return false;
	}

	/** A1, before the joiner: {@code $L $T*}, a left- or dual-joining letter and transparent marks. */
	private static boolean joinsLeft(String text, int index) {
		int i = index;
		while (i > 0) {
			int cp = text.codePointBefore(i);
			i -= Character.charCount(cp);
			int type = joiningType(cp);
			if (type != UCharacter.JoiningType.TRANSPARENT) {
				return type == UCharacter.JoiningType.LEFT_JOINING || type == UCharacter.JoiningType.DUAL_JOINING;
			}
		}
		return false;
	}

	/** A1, after the joiner: {@code $T* $R}, transparent marks and a right- or dual-joining letter. */
	private static boolean joinsRight(String text, int index) {
		int i = index + 1; // a joiner is one char
		while (i < text.length()) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			int type = joiningType(cp);
			if (type != UCharacter.JoiningType.TRANSPARENT) {
				return type == UCharacter.JoiningType.RIGHT_JOINING || type == UCharacter.JoiningType.DUAL_JOINING;
			}
		}
		return false;
	}

	private static int joiningType(int cp) {
		return UCharacter.getIntPropertyValue(cp, UProperty.JOINING_TYPE);
	}

}
