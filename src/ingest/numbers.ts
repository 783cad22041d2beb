/**
 * Numbers written as words ("two", "twelve", "twenty"), shared by the date rules ("the past
 * three years"), the measure packages ("six measures") and the outcome figures ("five gangs").
 */
export const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** The value of a number word, any case; undefined when it is none. */
export function wordNumber(word: string): number | undefined {
  return WORD_NUMBERS[word.toLowerCase()];
}
