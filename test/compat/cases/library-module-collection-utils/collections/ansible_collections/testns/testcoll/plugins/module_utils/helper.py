def greeting():
    return 'from the collection'
