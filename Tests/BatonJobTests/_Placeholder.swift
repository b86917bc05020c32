// Placeholder until BatonJobTests lands.
