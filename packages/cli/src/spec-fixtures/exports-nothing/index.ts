// A module that exports no agent kinds or training methods: `equitable check` refuses it (exit 2).
export const nothingToCheck = true;
