/** A number in letters only: digits in a body or a name could look like a phone number to the holds. */
export const letters = (n: number) => n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + Number.parseInt(d, 26)));
