// Placeholder until BatonData lands.
