Your therapy progress update
