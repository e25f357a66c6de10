"""Search on the graph: profiles (costs per way type), the array engine, from/via/to routing."""
