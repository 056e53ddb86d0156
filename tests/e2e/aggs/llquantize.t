# llquantize(): values below factor^lmag, each magnitude's linear steps, negative
# values mirrored, and the overflow bucket, as DTrace labels them.
RUN: dtrace -qn 'BEGIN { @ = llquantize(0, 10, 0, 2, 10); @ = llquantize(3, 10, 0, 2, 10); @ = llquantize(3, 10, 0, 2, 10); @ = llquantize(45, 10, 0, 2, 10); @ = llquantize(-250, 10, 0, 2, 10); @ = llquantize(5000, 10, 0, 2, 10); @ = llquantize(5000, 10, 0, 2, 10, -3); exit(0); }'
STDOUT:


           value  ------------- Distribution ------------- count    
            -300                     |                     0        
            -200                     |@@@                  1        
            -100                     |                     0        
             -90                     |                     0        
             -80                     |                     0        
             -70                     |                     0        
             -60                     |                     0        
             -50                     |                     0        
             -40                     |                     0        
             -30                     |                     0        
             -20                     |                     0        
             -10                     |                     0        
              -9                     |                     0        
              -8                     |                     0        
              -7                     |                     0        
              -6                     |                     0        
              -5                     |                     0        
              -4                     |                     0        
              -3                     |                     0        
              -2                     |                     0        
              -1                     |                     0        
               0                     |@@@                  1        
               1                     |                     0        
               2                     |                     0        
               3                     |@@@@@@               2        
               4                     |                     0        
               5                     |                     0        
               6                     |                     0        
               7                     |                     0        
               8                     |                     0        
               9                     |                     0        
              10                     |                     0        
              20                     |                     0        
              30                     |                     0        
              40                     |@@@                  1        
              50                     |                     0        
              60                     |                     0        
              70                     |                     0        
              80                     |                     0        
              90                     |                     0        
             100                     |                     0        
             200                     |                     0        
             300                     |                     0        
             400                     |                     0        
             500                     |                     0        
             600                     |                     0        
             700                     |                     0        
             800                     |                     0        
             900                     |                     0        
         >= 1000               @@@@@@|                     -2       

