// Turns the first 17 characters of a USCC or resident id into the full code with its check character, for test writers.
import { isValidResidentId, isValidUscc, residentIdCheckChar, usccCheckChar } from '../engine/subject/identity.js';

const usage = 'usage: node --import tsx cli/make-id.ts uscc <17 chars> | resident <17 digits>';
const [kind, raw] = process.argv.slice(2);
const first17 = (raw ?? '').toUpperCase().slice(0, 17);
let full: string | undefined;
if (kind === 'uscc') {
  const check = usccCheckChar(first17);
  full = check === undefined ? undefined : first17 + check;
  if (full !== undefined && !isValidUscc(full)) {
    console.error(`warning: ${full} has the right check character but an unusual authority/type/region structure`);
  }
} else if (kind === 'resident') {
  const check = residentIdCheckChar(first17);
  full = check === undefined ? undefined : first17 + check;
  if (full !== undefined && !isValidResidentId(full)) {
    console.error(`warning: ${full} has the right check character but no real birth date at positions 7–14`);
  }
} else {
  console.error(usage);
  process.exit(2);
}
if (full === undefined) {
  console.error(
    `cannot make a ${kind} code from "${raw ?? ''}": need 17 characters from the allowed charset\n${usage}`,
  );
  process.exit(1);
}
console.log(full);
