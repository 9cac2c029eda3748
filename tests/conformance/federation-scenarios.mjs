export const federationScenarios = {};
