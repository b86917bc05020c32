print("baton-route-bench: not built yet")
