/** The text vendor/tf-registrations.cjs must hold: tfjs-core's gradients and chained ops bundled as CommonJS. */
export declare function bundleRegistrations(): Promise<string>;
