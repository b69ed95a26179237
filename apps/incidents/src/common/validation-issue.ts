/** One refusal of a pure-logic validator; `field` is the path of the bad input and `message` starts with it. */
export interface ValidationIssue {
  field: string;
  message: string;
}

export function issue(field: string, text: string): ValidationIssue {
  return { field, message: `${field} ${text}` };
}
