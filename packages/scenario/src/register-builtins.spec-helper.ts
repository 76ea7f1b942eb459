// This package reads the registries and registers nothing; its specs see the built-ins as a program does.
import "@equitable/preset";
