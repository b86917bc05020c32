// Placeholder until BatonRouterTests lands.
