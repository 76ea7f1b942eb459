// Specs that import a command's module without program.ts see the built-ins as the command does.
import "@equitable/preset";
